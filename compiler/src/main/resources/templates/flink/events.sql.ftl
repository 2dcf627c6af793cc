<#list views as v>
-- [=v.name]: its input events with the entity key, the event time (a plain timestamp from here on: the
-- tiles group by it, they do not window on it) and each feature's value
CREATE TEMPORARY VIEW [=v.events] AS
SELECT
<#list v.keys as k>
  [=q(k.column)]<#if k.column != k.key> AS [=q(k.key)]</#if>,
</#list>
  CAST([=q(v.eventTime)] AS TIMESTAMP(3)) AS event_time<#list v.values as x>,
  [=x.expr] AS [=x.name]</#list>
FROM <#if v.query??>(
  [=v.query?replace("\n", "\n  ")]
) AS q<#else>[=v.source]</#if><#if v.filter??>
WHERE [=v.filter]</#if>;

</#list>
