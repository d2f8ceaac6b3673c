{% macro greeting(name) -%}
{{ return(adapter.dispatch('greeting', 'helpers')(name)) }}
{%- endmacro %}
{% macro default__greeting(name) -%}'hello ' || {{ name }}{%- endmacro %}
{% macro pair(a, b) -%}{{ return([a, b]) }}{%- endmacro %}
{% macro shout(text) -%}upper({{ text }}){%- endmacro %}
