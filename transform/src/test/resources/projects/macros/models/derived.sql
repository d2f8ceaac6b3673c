{{ config(materialized='table') }}
{% set bounds = helpers.pair(1, var('multiplier')) %}
{% if execute %}{% set rows = row_count(ref('base')) %}{% else %}{% set rows = 0 %}{% endif %}
select n * {{ var('multiplier') }} as n,
  {{ helpers.greeting('name') }} as greeting,
  {{ helpers.shout("'x'") }} as loud,
  {{ bounds[1] }} as upper_bound,
  {{ rows }} as base_rows,
  {{ dbt.concat(["'a'", "'b'"]) }} as ab,
  {{ dbt.dateadd('day', 1, "date '2024-01-31'") }} as next_day,
  '{{ this.schema }}.{{ this.identifier }}' as me,
  '{{ target.name }}' as target_name
from {{ ref('base') }}
where n <= {{ var('limit', 2) }}
