-- Silver: [=source] typed, checked, on time<#if dedup??> and deduplicated</#if>, PII protected.
-- Invalid records go to [=quarantine] with the reason<#if lateness??>, late ones to [=late]</#if>.
CREATE TABLE IF NOT EXISTS [=silver] (
<#list columns as c>
  [=c.name] [=c.silverType],
</#list>
<#list metaColumns as m>
  [=m.name] [=m.type],
</#list>
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

CREATE TABLE IF NOT EXISTS [=quarantine] (
<#list rawColumns as r>
  [=r] STRING,
</#list>
  _reason STRING,
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

<#if lateness??>
CREATE TABLE IF NOT EXISTS [=late] (
<#list columns as c>
  [=c.name] [=c.type],
</#list>
<#list metaColumns as m>
  [=m.name] [=m.type],
</#list>
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

</#if>
-- typing: every column read as its declared type; the raw record is kept for the quarantine
CREATE OR REPLACE TEMPORARY VIEW [=source]__typed AS
SELECT
<#list columns as c>
  [=c.typed]<#if c.typed != c.name> AS [=c.name]</#if>,
</#list>
<#list metaColumns as m>
  [=m.expr] AS [=m.name],
</#list>
  ds,
<#if cdc>
  img,
</#if>
  struct(<#list rawColumns as r>[=r]<#sep>, </#sep></#list>) AS _raw
FROM <#if cdc>(
  SELECT *, from_json(CASE WHEN op = 'd' THEN before ELSE after END,
                      '<#list columns as c>[=c.name] STRING<#sep>, </#sep></#list>') AS img
  FROM [=bronze]
  WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}'
)<#else>[=bronze]
WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}'</#if>;

-- the first reason a record is invalid, if any: a value that does not read as its type, then the
--   row checks of severity error (NULL passes range, accepted_values and expect, as in SQL); cached,
--   as the quarantine, the late table and silver all read it
DROP VIEW IF EXISTS [=source]__checked;

CACHE TABLE [=source]__checked AS
SELECT *,
  CASE
<#list columns as c>
<#if c.type != "STRING">
    WHEN [=c.raw] IS NOT NULL AND [=c.name] IS NULL
      THEN concat('column [=c.name]: cannot read ''', [=c.raw], ''' as [=c.sqlType]')
</#if>
</#list>
<#if cdc>
    WHEN _op = 'd' THEN NULL
</#if>
<#list rowChecks as check>
    WHEN [=check.fails]
      THEN [=check.reason]
</#list>
  END AS _reason
FROM [=source]__typed;

DELETE FROM [=quarantine] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

INSERT INTO [=quarantine]
SELECT _raw.*, _reason, ds
FROM [=source]__checked
WHERE _reason IS NOT NULL;

<#if lateness??>
-- late routing: arrival more than [=latenessText] after the event time
DELETE FROM [=late] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

INSERT INTO [=late]
SELECT <#list columns as c>[=c.name], </#list><#list metaColumns as m>[=m.name], </#list>ds
FROM [=source]__checked
WHERE _reason IS NULL AND [=lateCondition];

</#if>
CREATE OR REPLACE TEMPORARY VIEW [=source]__on_time AS
SELECT * FROM [=source]__checked
WHERE _reason IS NULL<#if lateness??> AND NOT ([=lateCondition])</#if>;

<#if dedup??>
-- dedup on ([=dedup.keys?join(", ")]): per key, in arrival order, a record is kept when it is the first,
--   or arrives more than [=dedup.withinText] after the latest kept one; kept records of days before
--   the run (same key, up to [=dedup.lookbackDays] days back) count as kept
CREATE OR REPLACE TEMPORARY VIEW [=source]__deduplicated AS
WITH arrivals AS (
  SELECT <#list dedup.keys as k>[=k], </#list>struct(<#list dedup.orderFields as f>[=f]<#sep>, </#sep></#list>, FALSE AS kept_before) AS r
  FROM [=source]__on_time
  UNION ALL
  SELECT <#list dedup.keys as k>[=k], </#list>struct(<#list dedup.orderFields as f>[=f]<#sep>, </#sep></#list>, TRUE AS kept_before) AS r
  FROM [=silver]
  WHERE ds >= date_sub(DATE'${ds_from}', [=dedup.lookbackDays]) AND ds < DATE'${ds_from}'
    AND (<#list dedup.keys as k>[=k]<#sep>, </#sep></#list>) IN (SELECT <#list dedup.keys as k>[=k]<#sep>, </#sep></#list> FROM [=source]__on_time)
),
kept AS (
  SELECT explode(aggregate(
    array_sort(collect_list(r)),
    named_struct('last_kept', CAST(NULL AS BIGINT), 'records', filter(collect_list(r), x -> FALSE)),
    (acc, x) -> CASE
      WHEN x.kept_before
        THEN named_struct('last_kept', unix_millis(x._arrival_time), 'records', acc.records)
      WHEN acc.last_kept IS NULL OR unix_millis(x._arrival_time) - acc.last_kept > [=dedup.withinMillis?c]
        THEN named_struct('last_kept', unix_millis(x._arrival_time), 'records', concat(acc.records, array(x)))
      ELSE acc
    END,
    acc -> acc.records)) AS r
  FROM arrivals
  GROUP BY <#list dedup.keys as k>[=k]<#sep>, </#sep></#list>
)
SELECT r.* FROM kept;

</#if>
-- silver, with PII columns hashed or dropped
DELETE FROM [=silver] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

INSERT INTO [=silver]
SELECT
<#list columns as c>
  [=c.silverExpr]<#if c.silverExpr != c.name> AS [=c.name]</#if>,
</#list>
<#list metaColumns as m>
  [=m.name],
</#list>
  ds
FROM [=source]__[=dedup???then("deduplicated", "on_time")];

DROP VIEW IF EXISTS [=source]__checked;
