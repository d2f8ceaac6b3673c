{{ config(materialized='table') }}
{%- set maybe = none -%}
select
  '{{ undefined_flag is defined }}' as flag_defined,
  '{{ undefined_flag | default("fallback") }}' as flag_default,
  '{% if undefined_flag %}on{% else %}off{% endif %}' as flag_if,
  '{{ maybe is none }}' as maybe_none,
  '{{ target.no_such_key }}' as missing_key,
  '{{ this.no_such_attribute }}' as missing_attribute,
  {{ label('a') }} as one_argument,
  {{ label('a', '!') }} as two_arguments,
  '{% for item in undefined_list %}{{ item }}{% endfor %}' as empty_loop,
  '{{ schema }}.{{ database }}' as model_schema
