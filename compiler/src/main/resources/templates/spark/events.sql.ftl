<#list sources as s>
-- [=s.name]: its silver events<#if s.cdc> (row versions; deletes are not events)</#if>
CREATE OR REPLACE TEMPORARY VIEW [=s.name] AS
SELECT <#list s.columns as c>[=c], </#list>_arrival_time
FROM [=s.silver]<#if s.cdc>
WHERE _op <> 'd'</#if>;

</#list>
<#list views as v>
-- [=v.name]: its input events with the entity key, the event time and each feature's value
CREATE OR REPLACE TEMPORARY VIEW [=v.events] AS
SELECT
<#list v.keys as k>
  [=k.column]<#if k.column != k.key> AS [=k.key]</#if>,
</#list>
  [=v.eventTime]<#if v.eventTime != "event_time"> AS event_time</#if><#list v.values as x>,
  [=x.expr] AS [=x.name]</#list>
FROM <#if v.query??>(
  [=v.query?replace("\n", "\n  ")]
) AS q<#else>[=v.source]</#if><#if v.filter??>
WHERE [=v.filter]</#if>;

</#list>
