-- Silver: [=source] typed, checked, on time<#if dedup??> and deduplicated</#if>, PII protected, record by record as the
-- batch path does. Invalid records go to [=quarantine] with the reason<#if lateCondition??>, late ones to [=late]</#if>.
CREATE TABLE IF NOT EXISTS [=silver] (
<#list columns as c>
  [=q(c.name)] [=c.silverType],
</#list>
<#list metaColumns as m>
  [=m.name] [=m.type],
</#list>
  ds DATE
) PARTITIONED BY (ds);

CREATE TABLE IF NOT EXISTS [=quarantine] (
<#list rawColumns as r>
  [=q(r)] STRING,
</#list>
  _reason STRING,
  ds DATE
) PARTITIONED BY (ds);

<#if lateCondition??>
CREATE TABLE IF NOT EXISTS [=late] (
<#list columns as c>
  [=q(c.name)] [=c.type],
</#list>
<#list metaColumns as m>
  [=m.name] [=m.type],
</#list>
  ds DATE
) PARTITIONED BY (ds);

</#if>
-- typing: every column read as its declared type; the raw text is kept for the checks and the quarantine
CREATE TEMPORARY VIEW [=typed] AS
SELECT
<#list columns as c>
  [=c.typed] AS [=q(c.name)],
</#list>
<#list metaColumns as m>
  [=m.expr] AS [=m.name],
</#list>
  _ds AS ds,
  _rowtime,
<#list columns as c>
<#if c.type != "STRING">
  [=c.raw] AS _raw_[=c.name],
</#if>
</#list>
<#list rawColumns as r>
  [=q(r)] AS _q_[=r]<#sep>,</#sep>
</#list>
FROM [=raw];

-- the first reason a record is invalid, if any: a value that does not read as its type, then the
--   row checks of severity error (NULL passes range, accepted_values and expect, as in SQL)
CREATE TEMPORARY VIEW [=checked] AS
SELECT *,
  CASE
<#list columns as c>
<#if c.type != "STRING">
    WHEN _raw_[=c.name] IS NOT NULL AND [=q(c.name)] IS NULL
      THEN CONCAT('column [=c.name]: cannot read ''', _raw_[=c.name], ''' as [=c.sqlType]')
</#if>
</#list>
<#if cdc>
    WHEN _op = 'd' THEN CAST(NULL AS STRING)
</#if>
<#list rowChecks as check>
    WHEN [=check.fails]
      THEN [=check.reason]
</#list>
  END AS _reason
FROM [=typed];

INSERT INTO [=quarantine]
SELECT <#list rawColumns as r>_q_[=r], </#list>_reason, ds
FROM [=checked]
WHERE _reason IS NOT NULL;

<#if lateCondition??>
-- late routing: arrival more than [=latenessText] after the <#if cdc>change<#else>event</#if> time
INSERT INTO [=late]
SELECT <#list columns as c>[=q(c.name)], </#list><#list metaColumns as m>[=m.name], </#list>ds
FROM [=checked]
WHERE _reason IS NULL AND [=lateCondition];

</#if>
-- [=timeColumn] carries the input's watermark on (it equals the input's time for every valid record)
CREATE TEMPORARY VIEW [=on_time] AS
SELECT <#list onTimeColumns as c>[=c]<#sep>, </#sep></#list>
FROM [=checked]
WHERE _reason IS NULL<#if lateCondition??> AND NOT ([=lateCondition])</#if>;

<#if dedup??>
-- dedup on ([=dedup.keys?join(", ")]): per key, a record is kept when it is the first, or arrives more than
--   [=dedup.withinText] after the latest kept one (arrival times, not processing time: a replay decides as the batch job)
CREATE TEMPORARY VIEW [=deduplicated] AS
SELECT <#list dedup.columns as c>[=c]<#sep>, </#sep></#list>
FROM FSC_DEDUP(
  input => TABLE [=on_time] PARTITION BY (<#list dedup.keys as k>[=q(k)]<#sep>, </#sep></#list>),
  arrival_column => '_arrival_time',
  dedup_within => '[=dedup.withinText]',
  on_time => DESCRIPTOR([=timeColumn]),
  uid => 'dedup_[=source]');

</#if>
-- silver, with PII columns hashed or dropped
CREATE TEMPORARY VIEW [=silver_view] AS
SELECT
<#list columns as c>
  [=c.silverExpr]<#if c.silverExpr != q(c.name)> AS [=q(c.name)]</#if>,
</#list>
<#list metaColumns as m>
  [=m.name],
</#list>
  ds
FROM [=dedup???then(deduplicated, on_time)];

INSERT INTO [=silver]
SELECT * FROM [=silver_view];

-- [=source]: its silver events, under the source's name so spec SQL reads as written<#if cdc> (row versions; deletes are not events)</#if>
CREATE TEMPORARY VIEW [=events] AS
SELECT <#list eventColumns as c>[=c], </#list>_arrival_time
FROM [=silver_view]<#if cdc>
WHERE _op <> 'd'</#if>;
<#if cdc>

-- the versioned view of [=source] by ([=primaryKey?join(", ")]), for FOR SYSTEM_TIME AS OF: the latest change of each key as of
-- a time, valid from its change time until the next one's; a delete is a version too (_deleted), in which the row is absent
CREATE TEMPORARY VIEW [=versions] AS
SELECT <#list columns as c>[=q(c.name)], </#list>_deleted
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY <#list primaryKey as k>[=q(k)]<#sep>, </#sep></#list> ORDER BY [=eventTime] DESC) AS _version
  FROM (
    SELECT <#list eventColumns as c>[=c], </#list>_op = 'd' AS _deleted
    FROM [=silver_view]
  )
)
WHERE _version = 1;
</#if>
