{% macro duckdb__greeting(name) -%}'hi ' || {{ name }}{%- endmacro %}
{% macro row_count(relation) -%}
{% call statement('count', fetch_result=True) %}select count(*) from {{ relation }}{% endcall %}
{{ return(load_result('count')['data'][0][0]) }}
{%- endmacro %}
