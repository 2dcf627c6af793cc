<#-- the tiles of a view's keys that have probes, from the partitions a range back from the spine's first day -->
<#macro probedTiles v g range>
      FROM [=g.tiles] x
      LEFT SEMI JOIN probes p ON <#list v.keys as k>p.[=k.key] = x.[=k.key]<#sep> AND </#sep></#list>
<#if range?has_content>
      WHERE x.ds >= to_date([=spineFrom] - [=range] - INTERVAL 1 DAYS)
</#if>
</#macro>
-- Training dataset [=name]: one row per spine row, each feature as of the row's time [=timestamp]
-- (tiles before its tile merged with the head events up to [=timestamp]; nothing later), labels looking
-- forward. A run publishes the rows whose longest horizon ([=horizonText]) ends within its days.
CREATE TABLE IF NOT EXISTS [=table] (
<#list outputColumns as c>
  [=c.name] [=c.type],
</#list>
  ds DATE
) USING iceberg
PARTITIONED BY (ds);

-- the spine rows whose horizon ends in the run's days (none older than the first day processed: a CDC
-- snapshot's history is not rows), cached: every view's probes, every label and the output read them
DROP VIEW IF EXISTS [=name]__spine;

CACHE TABLE [=name]__spine AS
SELECT [=spineColumns?join(", ")]
FROM <#if spineQuery??>(
  [=spineQuery?replace("\n", "\n  ")]
) AS spine<#else>[=spineSource]</#if>
WHERE [=timestamp] > [=spineFrom]
  AND [=timestamp] <= [=spineTo]
  AND [=timestamp] >= [=firstDay];

<#list views as v>
-- [=v.name] at each (<#list v.keys as k>[=k.key], </#list>t)<#if v.ttl??>; NULL when its latest event is older than [=v.ttl] (ttl)</#if>
CREATE OR REPLACE TEMPORARY VIEW [=name]__[=v.name] AS
WITH probes AS (
  SELECT DISTINCT <#list v.keys as k>[=k.column]<#if k.column != k.key> AS [=k.key]</#if>, </#list>[=timestamp] AS t
  FROM [=name]__spine
  WHERE <#list v.keys as k>[=k.column] IS NOT NULL<#sep> AND </#sep></#list>
)<#list v.groups as g>,
<#if g.asOf>
asof_[=g.suffix] AS (
  -- the latest values before each probe's tile: the key's tiles and probes in one pass in time order
  -- (a probe sorts before a tile that starts with its own: that tile is its head)
  SELECT <#list v.keys as k>[=k.key], </#list>t, latest_event<#list g.states as s>, [=s.name]</#list>
  FROM (
    SELECT <#list v.keys as k>[=k.key], </#list>t,
      MAX(latest_event) OVER running AS latest_event<#list g.states as s>,
      MAX([=s.name]) OVER running AS [=s.name]</#list>
    FROM (
      SELECT <#list v.keys as k>x.[=k.key], </#list>CAST(NULL AS TIMESTAMP) AS t, x.tile_start AS at, 1 AS after_probe, x.latest_event<#list g.states as s>, x.[=s.name]</#list>
      FROM [=g.tiles] x
      LEFT SEMI JOIN probes p ON <#list v.keys as k>p.[=k.key] = x.[=k.key]<#sep> AND </#sep></#list>
      UNION ALL
      SELECT <#list v.keys as k>[=k.key], </#list>t, [=g.tileOfT] AS at, 0 AS after_probe, CAST(NULL AS TIMESTAMP)<#list g.states as s>, CAST(NULL AS [=s.type])</#list>
      FROM probes
    )
    WINDOW running AS (PARTITION BY <#list v.keys as k>[=k.key]<#sep>, </#sep></#list> ORDER BY at, after_probe ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  )
  WHERE t IS NOT NULL
),
head_[=g.suffix] AS (
  -- the head: the probe's own tile, up to and including t, joined on that tile (Spark has no range join:
  -- on the key alone each probe would meet every event of its key)
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, MAX(e.event_time) AS latest_event<#list g.states as s>,
    [=s.headAggregate]</#list>
  FROM probes p
  JOIN [=v.events] e
    ON <#list v.keys as k>e.[=k.key] = p.[=k.key] AND </#list>[=g.eventTile] = [=g.probeTile] AND e.event_time <= p.t
  WHERE e.event_time >= [=spineFrom] - [=g.sizeInterval] AND e.event_time <= [=spineTo]
  GROUP BY <#list v.keys as k>p.[=k.key], </#list>p.t
),
merged_[=g.suffix] AS (
  SELECT <#list v.keys as k>a.[=k.key], </#list>a.t, greatest(a.latest_event, h.latest_event) AS latest_event<#list g.features as f>,
    [=f.merge] AS [=f.name]</#list>
  FROM asof_[=g.suffix] a
  LEFT JOIN head_[=g.suffix] h ON <#list v.keys as k>h.[=k.key] = a.[=k.key] AND </#list>h.t = a.t
)<#else><#rt>
<#if g.running??>
running_[=g.suffix] AS (
  -- whole tiles before each probe's tile as running sums over the key's tiles in time order: a tile adds
  -- its partials as it starts and takes them back as it leaves each window, and a probe's tile, sorted
  -- before the tiles starting with it (its head), reads every window at once, without a join that meets
  -- the window's tiles one by one. Exact: integer and decimal sums only.
  SELECT <#list v.keys as k>[=k.key], </#list>tile_start, latest_event<#list g.running.outputs as c>, [=c]</#list>
  FROM (
    SELECT <#list v.keys as k>[=k.key], </#list>tile_start, step,
      MAX(latest_event) OVER running AS latest_event<#list g.running.columns as c>,
      SUM([=c.name]) OVER running AS [=c.name]</#list>
    FROM (
      SELECT <#list v.keys as k>x.[=k.key], </#list>x.tile_start, 1 AS step, x.latest_event<#list g.running.columns as c>, [=c.enter] AS [=c.name]</#list>
<@probedTiles v g g.range!""/><#t>
<#list g.running.leaves as l>
      UNION ALL
      -- each tile leaves the [=l.text] window [=l.text] after it starts
      SELECT <#list v.keys as k>x.[=k.key], </#list>x.tile_start + [=l.interval], 1, CAST(NULL AS TIMESTAMP)<#list l.columns as c>, [=c]</#list>
<@probedTiles v g g.range!""/><#t>
</#list>
      UNION ALL
      SELECT DISTINCT <#list v.keys as k>[=k.key], </#list>[=g.tileOfT], 0, CAST(NULL AS TIMESTAMP)<#list g.running.columns as c>, CAST(NULL AS [=c.type])</#list>
      FROM probes
    )
    WINDOW running AS (PARTITION BY <#list v.keys as k>[=k.key]<#sep>, </#sep></#list> ORDER BY tile_start, step ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  )
  WHERE step = 0
),
</#if>
partials_[=g.suffix] AS (
<#if g.join??>
<#if g.join.range??>
  -- whole tiles before the probe's tile, back to [=g.join.rangeText]. Spark has no range join: on the key alone a
  -- probe would meet every tile of its key, so it also joins on the (<= 2) bins [=g.join.rangeText] wide its range touches
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, x.tile_start, x.latest_event<#list g.states as s>, x.[=s.name]</#list><#list g.runningColumns as c>, CAST(NULL AS [=c.type]) AS [=c.name]</#list>
  FROM (
    SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, explode(sequence(
      [=g.join.firstRangeBin],
      [=g.join.lastRangeBin])) AS range_bin
    FROM probes p
  ) p
  JOIN [=g.tiles] x
    ON <#list v.keys as k>x.[=k.key] = p.[=k.key] AND </#list>[=g.join.tileRangeBin] = p.range_bin
   AND x.tile_start < [=g.probeTile] AND x.tile_start >= [=g.probeTile] - [=g.join.range]
  WHERE x.ds >= to_date([=spineFrom] - [=g.join.range] - INTERVAL 1 DAYS)
<#else>
  -- whole tiles before the probe's tile
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, x.tile_start, x.latest_event<#list g.states as s>, x.[=s.name]</#list><#list g.runningColumns as c>, CAST(NULL AS [=c.type]) AS [=c.name]</#list>
  FROM probes p
  JOIN [=g.tiles] x
    ON <#list v.keys as k>x.[=k.key] = p.[=k.key] AND </#list>x.tile_start < [=g.probeTile]
</#if>
  UNION ALL
</#if>
<#if g.running??>
  -- whole tiles before the probe's tile, as running sums at that tile
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, CAST(NULL AS TIMESTAMP) AS tile_start, r.latest_event<#list g.states as s>, CAST(NULL AS [=s.type]) AS [=s.name]</#list><#list g.runningColumns as c>, r.[=c.name]</#list>
  FROM probes p
  JOIN running_[=g.suffix] r ON <#list v.keys as k>r.[=k.key] = p.[=k.key] AND </#list>r.tile_start = [=g.probeTile]
  UNION ALL
</#if>
  -- the head: the probe's own tile, up to and including t, joined on that tile (Spark has no range join:
  -- on the key alone each probe would meet every event of its key)
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, [=g.probeTile] AS tile_start, MAX(e.event_time) AS latest_event<#list g.states as s>,
    [=s.headAggregate]</#list><#list g.runningColumns as c>,
    [=c.headAggregate]</#list>
  FROM probes p
  JOIN [=v.events] e
    ON <#list v.keys as k>e.[=k.key] = p.[=k.key] AND </#list>[=g.eventTile] = [=g.probeTile] AND e.event_time <= p.t
  WHERE e.event_time >= [=spineFrom] - [=g.sizeInterval] AND e.event_time <= [=spineTo]
  GROUP BY <#list v.keys as k>p.[=k.key], </#list>p.t
),
merged_[=g.suffix] AS (
  SELECT <#list v.keys as k>p.[=k.key], </#list>p.t, MAX(x.latest_event) AS latest_event<#list g.features as f>,
    [=f.merge] AS [=f.name]</#list>
  FROM probes p
  LEFT JOIN partials_[=g.suffix] x ON <#list v.keys as k>x.[=k.key] = p.[=k.key] AND </#list>x.t = p.t
  GROUP BY <#list v.keys as k>p.[=k.key], </#list>p.t
)</#if></#list>
SELECT <#list v.keys as k>p.[=k.key], </#list>p.t<#list v.features as f>,
  <#if v.ttl??>CASE WHEN [=v.expired] THEN NULL ELSE [=f.source] END<#else>[=f.source]</#if> AS [=f.name]</#list>
FROM probes p<#list v.groups as g>
JOIN merged_[=g.suffix] ON <#list v.keys as k>merged_[=g.suffix].[=k.key] = p.[=k.key] AND </#list>merged_[=g.suffix].t = p.t</#list>;

</#list>
<#list labels as l>
-- label [=l.name]: [=l.agg] over [=l.source] events with t < event time <= t + [=l.horizonText]
CREATE OR REPLACE TEMPORARY VIEW [=name]__label_[=l.name] AS
SELECT <#list l.keys as k>p.[=k.column], </#list>p.t, [=l.aggregate] AS [=l.name]
FROM (
  -- Spark has no range join: on the key alone a row would meet every event of its key, so it also joins
  -- on the (<= 2) bins [=l.horizonText] wide its horizon touches
  SELECT <#list l.keys as k>[=k.column], </#list>t, explode(sequence(
    [=l.firstHorizonBin],
    [=l.lastHorizonBin])) AS horizon_bin
  FROM (
    SELECT DISTINCT <#list l.keys as k>[=k.column], </#list>[=timestamp] AS t
    FROM [=name]__spine
    WHERE <#list l.keys as k>[=k.column] IS NOT NULL<#sep> AND </#sep></#list>
  )
) p
LEFT JOIN (
  SELECT <#list l.keys as k>[=k.labelColumn]<#if k.labelColumn != k.column> AS [=k.column]</#if>, </#list>[=l.eventTime] AS event_time, [=l.value] AS value
  FROM [=l.source]<#if l.filter??>
  WHERE [=l.filter]</#if>
) e
  ON <#list l.keys as k>e.[=k.column] = p.[=k.column] AND </#list>[=l.eventHorizonBin] = p.horizon_bin
 AND e.event_time > p.t AND e.event_time <= p.t + [=l.horizon]
GROUP BY <#list l.keys as k>p.[=k.column], </#list>p.t;

</#list>
DELETE FROM [=table]
WHERE [=timestamp] > [=spineFrom]
  AND [=timestamp] <= [=spineTo];

INSERT INTO [=table]
SELECT
<#list outputColumns as c>
  [=c.expr] AS [=c.name],
</#list>
  to_date(s.[=timestamp]) AS ds
FROM [=name]__spine s
<#list views as v>
LEFT JOIN [=name]__[=v.name] [=v.name]
  ON <#list v.keys as k>[=v.name].[=k.key] = s.[=k.column] AND </#list>[=v.name].t = s.[=timestamp]
</#list>
<#list labels as l>
LEFT JOIN [=name]__label_[=l.name] label_[=l.name]
  ON <#list l.keys as k>label_[=l.name].[=k.column] = s.[=k.column] AND </#list>label_[=l.name].t = s.[=timestamp]
</#list>
;

DROP VIEW IF EXISTS [=name]__spine;
