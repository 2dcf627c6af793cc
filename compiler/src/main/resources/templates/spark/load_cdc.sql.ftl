-- Bronze: the Debezium change events of [=source] as received, for the day of each change (its
-- event time; a delete's source.ts_ms); rows of the initial snapshot (op r) for the day they were read.
CREATE TABLE IF NOT EXISTS [=bronze] (
  op STRING,
  before STRING,
  after STRING,
  lsn STRING,
  source_ts_ms STRING,
  ts_ms STRING,
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

CREATE OR REPLACE TEMPORARY VIEW [=input] (
  op STRING,
  before STRING,
  after STRING,
  source STRUCT<lsn: STRING, ts_ms: STRING>,
  ts_ms STRING
) USING json
OPTIONS (path '${[=pathParameter]}');

DELETE FROM [=bronze] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

INSERT INTO [=bronze]
SELECT op, before, after, lsn, source_ts_ms, ts_ms, ds
FROM (
  SELECT
    op, before, after, source.lsn AS lsn, source.ts_ms AS source_ts_ms, ts_ms,
    COALESCE(
      to_date(timestamp_millis(try_cast(
        CASE op WHEN 'r' THEN ts_ms WHEN 'd' THEN source.ts_ms ELSE get_json_object(after, '$.[=eventTime]') END AS BIGINT))),
      to_date(timestamp_millis(try_cast(ts_ms AS BIGINT)))) AS ds
  FROM [=input]
)
WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';
