{{ config(materialized='table') }}
{%- set dt = modules.datetime -%}
{%- set start = dt.date.today() - dt.timedelta(days=7) -%}
{%- set stamp = dt.datetime.strptime('2024-03-01 13:05', '%Y-%m-%d %H:%M') + dt.timedelta(hours=1) %}
with days as (
  select 'three days ago' as label, current_date - 3 as d
  union all select 'ten days ago', current_date - 10
)
select label, '{{ stamp.strftime("%d.%m.%Y %H:%M") }}' as stamp, '{{ stamp.isoformat() }}' as iso
from days
where d >= '{{ start }}'
