-- Row versions of [=source] by ([=primaryKey?join(", ")]): each version is valid from its event time
-- until the next change of its key (the next version, or a delete); the latest is open (valid_to NULL).
CREATE TABLE IF NOT EXISTS [=versions] (
<#list columns as c>
  [=c.name] [=c.silverType],
</#list>
  valid_from TIMESTAMP,
  valid_to TIMESTAMP
) USING iceberg;

INSERT OVERWRITE [=versions]
SELECT <#list columns as c>[=c.name], </#list>valid_from, valid_to
FROM (
  SELECT *,
    _change_time AS valid_from,
    LEAD(_change_time) OVER (PARTITION BY [=primaryKey?join(", ")] ORDER BY _change_time, _lsn) AS valid_to
  FROM [=silver]
  WHERE ds <= DATE'${ds_to}'
)
WHERE _op <> 'd';
