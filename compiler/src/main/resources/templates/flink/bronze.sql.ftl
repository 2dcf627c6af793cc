-- Bronze: the records of [=source] as received, every column as text, in the partition of the day
-- their event time falls on (records with an unreadable event time: the day they arrived).
CREATE TABLE IF NOT EXISTS [=bronze] (
<#list columns as c>
  [=q(c)] STRING,
</#list>
  ds DATE
) PARTITIONED BY (ds);

INSERT INTO [=bronze]
SELECT <#list columns as c>[=q(c)], </#list>_ds
FROM [=raw];
