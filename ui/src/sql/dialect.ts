import { SQLDialect } from '@codemirror/lang-sql';

/**
 * The SQL the platform runs (DuckDB flavoured), kept to the words people type so completion
 * offers useful keywords instead of hundreds of rarely used ones.
 */
export const PlatformSQL = SQLDialect.define({
  keywords:
    'select from where group by having order limit offset as and or not in is null like ilike between ' +
    'case when then else end distinct all any exists join inner left right full outer cross natural on using ' +
    'union intersect except with recursive insert into values update set delete create replace table view ' +
    'schema if drop alter add column rename to primary key default true false asc desc nulls first last ' +
    'over partition window rows range unbounded preceding following current row filter qualify pivot unpivot ' +
    'cast try_cast interval at time zone explain analyze describe show tables summarize copy returning ' +
    'grant revoke merge matched lateral tablesample within sample',
  types:
    'boolean bool tinyint smallint integer int bigint hugeint utinyint usmallint uinteger ubigint ' +
    'float real double decimal numeric varchar char text string blob bytea date time timestamp timestamptz ' +
    'uuid json list struct map array',
  builtin:
    'count sum avg min max coalesce nullif greatest least abs round floor ceil length lower upper trim ' +
    'substring concat replace regexp_matches regexp_replace date_trunc date_part extract strftime strptime ' +
    'now current_date current_timestamp epoch_ms year month day hour minute second row_number rank dense_rank ' +
    'lag lead first_value last_value ntile percentile_cont median mode string_agg list_agg array_agg unnest ' +
    'struct_pack list_value read_parquet read_csv read_json approx_count_distinct stddev variance corr',
  doubleDollarQuotedStrings: true,
  operatorChars: '*+-%<>!=&|~^/:',
  caseInsensitiveIdentifiers: true,
});
