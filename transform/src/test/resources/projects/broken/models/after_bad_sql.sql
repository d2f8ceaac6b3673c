select * from {{ ref('bad_sql') }}
