-- Tiles of [=view] every [=tileSizeText]: an updating aggregate per (<#list keys as k>[=k], </#list>tile_start) over every event of the
-- view; each update is upserted into the tile table (same rows as the batch tiles once all events are in)
-- and into the online store, which merges the tiles of any window at read time.
CREATE TABLE IF NOT EXISTS [=table] (
<#list keyColumns as k>
  [=q(k.name)] [=k.type] NOT NULL,
</#list>
  tile_start TIMESTAMP(3) NOT NULL,
  events BIGINT,
  latest_event TIMESTAMP(3),
<#list states as s>
  [=s.name] [=s.type],
</#list>
  ds DATE NOT NULL,
  PRIMARY KEY (<#list keys as k>[=q(k)], </#list>tile_start, ds) NOT ENFORCED
) PARTITIONED BY (ds) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);

CREATE TEMPORARY TABLE [=online] (
<#list keyColumns as k>
  [=q(k.name)] [=k.type] NOT NULL,
</#list>
  tile_start TIMESTAMP(3) NOT NULL,
  events BIGINT,
  latest_event TIMESTAMP(3),
<#list states as s>
  [=s.name] [=s.type],
</#list>
  PRIMARY KEY (<#list keys as k>[=q(k)], </#list>tile_start) NOT ENFORCED
) WITH (
  'connector' = 'fsc-online',
  'store' = '${online_store}',
  'view' = '[=view]',
  'version' = '[=version]',
  'tile' = '[=tileSizeText]',
  'ttl' = '[=ttl]'
);

-- A tile's aggregate state expires [=stateTtl] after the tile's last update: [=stateTtlBasis].
-- (Read by the runner, which sets it on the aggregate of the job's compiled plan.)
SET 'fsc.tiles.state-ttl.[=table]' = '[=stateTtl]';

CREATE TEMPORARY VIEW [=updates] AS
SELECT
<#list keys as k>
  [=q(k)],
</#list>
  tile_start,
  COUNT(*) AS events,
  MAX(event_time) AS latest_event<#list states as s>,
  [=s.aggregate] AS [=s.name]</#list>
FROM (
  SELECT *, [=floor] AS tile_start
  FROM [=events]
  WHERE <#list keys as k>[=q(k)] IS NOT NULL<#sep> AND </#sep></#list>
)
GROUP BY <#list keys as k>[=q(k)], </#list>tile_start;

INSERT INTO [=table]
SELECT *, CAST(tile_start AS DATE) AS ds
FROM [=updates];

INSERT INTO [=online]
SELECT * FROM [=updates];
