{# Argument defaults with parentheses, as packages write them. #}
{% macro top_value(relation, column, order_by='count(*) desc, min(id) asc', suffix=modules.re.escape('.')) -%}
  {{ return(adapter.dispatch('top_value', 'idioms_pkg')(relation, column, order_by, suffix)) }}
{%- endmacro %}

{% macro default__top_value(relation, column, order_by, suffix) -%}
  {%- call statement('top_value', fetch_result=True) -%}
    select {{ idioms_pkg.as_text(column) }} from {{ relation }} group by 1 order by {{ order_by }} limit 1
  {%- endcall -%}
  {%- set rows = load_result('top_value')['data'] -%}
  {{ return((rows[0][0] if rows else 'none') ~ suffix) }}
{%- endmacro %}

{# Dispatched again inside the call block above. #}
{% macro as_text(expression) -%}
  {{ return(adapter.dispatch('as_text', 'idioms_pkg') (expression)) }}
{%- endmacro %}

{% macro default__as_text(expression) -%}cast({{ expression }} as varchar){%- endmacro %}

{# Positional and keyword arguments passed on with * and **. #}
{% macro joined(first) -%}
  {%- set rest = varargs -%}
  {{ return(adapter.dispatch('joined', 'idioms_pkg')(first, *varargs)) }}
{%- endmacro %}

{% macro default__joined(first) -%}{{ ([first] + varargs) | join('+') }}{%- endmacro %}

{% macro labelled(value) -%}
  {{ return(adapter.dispatch('labelled', 'idioms_pkg')(value, **kwargs)) }}
{%- endmacro %}

{% macro default__labelled(value, label='none', sep=':') -%}{{ label }}{{ sep }}{{ value }}{%- endmacro %}

{# A macro that calls itself. #}
{% macro factorial(n) -%}
  {{ return(1 if n <= 1 else n * idioms_pkg.factorial(n - 1)) }}
{%- endmacro %}

{% test at_most(model, column_name, maximum) %}
  {%- set columns = '*' if should_store_failures() else '1 as failing' -%}
  select {{ columns }} from {{ model }} where {{ column_name }} > {{ maximum }}
{% endtest %}
