-- Bronze: the records of [=source] as received, every column as text, in the partition of the
-- day their event time falls on (records with an unreadable event time: the day they arrived).
CREATE TABLE IF NOT EXISTS [=bronze] (
<#list columns as c>
  [=c] STRING,
</#list>
  _arrival_time STRING,
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

CREATE OR REPLACE TEMPORARY VIEW [=input] (
<#list columns as c>
  [=c] STRING,
</#list>
  _arrival_time STRING
) USING [=format]
OPTIONS (path '${[=pathParameter]}'<#if format == "csv">, header 'true', enforceSchema 'false'</#if>);

DELETE FROM [=bronze] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

INSERT INTO [=bronze]
SELECT *
FROM (
  SELECT
<#list columns as c>
    [=c],
</#list>
    _arrival_time,
    COALESCE(to_date(try_cast([=eventTime] AS TIMESTAMP)), to_date(try_cast(_arrival_time AS TIMESTAMP))) AS ds
  FROM [=input]
)
WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';
