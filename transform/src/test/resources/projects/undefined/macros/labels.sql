{% macro label(value, suffix) -%}
  '{{ value }}{{ suffix if suffix is not none else "" }}'
{%- endmacro %}

{% macro careless_label(value) -%}
  '{{ value }}-{{ forgotten_setting }}'
{%- endmacro %}
