-- [=source] as it arrives<#if kafka> on Kafka (arrival time: the record's Kafka timestamp)<#else> in a local file of JSON lines, in file order (arrival
-- time: each record's _arrival_time, else its event time)</#if>. The watermark trails the event time by
-- the source's lateness ([=lateness]): later records are routed to the late table by their arrival time.
CREATE TEMPORARY TABLE [=table] (
<#list physical as c>
  [=q(c.name)] [=c.type],
</#list>
  _rowtime AS [=rowtime],
  WATERMARK FOR _rowtime AS _rowtime - [=watermarkDelay]
) WITH (
<#list options as key, value>
  '[=key]' = '[=value]'<#sep>,</#sep>
</#list>
);

-- every column as text (what bronze keeps), with the record's day, arrival<#if cdc> and change</#if> time
CREATE TEMPORARY VIEW [=raw] AS
SELECT
<#list text as t>
  [=t.expr]<#if t.expr != q(t.name)> AS [=q(t.name)]</#if>,
</#list>
  _rowtime
FROM (
  SELECT *,
    [=event] AS _event_read,
    [=arrival] AS _arrival_read
  FROM [=table]
);
