-- Tiles of [=view] every [=tileSizeText]: partial aggregates per (<#list keys as k>[=k], </#list>tile_start) of the
-- run's events, which the point-in-time join and the online store merge over any window.
CREATE TABLE IF NOT EXISTS [=table] (
<#list keyColumns as k>
  [=k.name] [=k.type],
</#list>
  tile_start TIMESTAMP,
  events BIGINT,
  latest_event TIMESTAMP,
<#list states as s>
  [=s.name] [=s.type],
</#list>
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

DELETE FROM [=table] WHERE ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}';

<#if snapshotSources?has_content>
-- Rows of a CDC table's initial snapshot read in these days are events as old as their event time: the
-- tiles reach back to the oldest (those older days are overwritten whole, as the partitions written).
</#if>
INSERT OVERWRITE [=table]
SELECT
<#list keys as k>
  [=k],
</#list>
  [=floor] AS tile_start,
  COUNT(*) AS events,
  MAX(event_time) AS latest_event,
<#list states as s>
  [=s.aggregate] AS [=s.name],
</#list>
  to_date([=floor]) AS ds
FROM [=events]
WHERE event_time < CAST(date_add(DATE'${ds_to}', 1) AS TIMESTAMP)
  AND event_time >= <#if snapshotSources?has_content>least(
    CAST(DATE'${ds_from}' AS TIMESTAMP)<#list snapshotSources as src>,
    (SELECT min(_change_time) FROM [=src] WHERE _op = 'r' AND ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}')</#list>)<#else>CAST(DATE'${ds_from}' AS TIMESTAMP)</#if>
<#list keys as k>
  AND [=k] IS NOT NULL
</#list>
GROUP BY <#list keys as k>[=k], </#list>[=floor];
