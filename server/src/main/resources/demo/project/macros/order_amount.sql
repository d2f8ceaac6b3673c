{% macro order_amount(quantity, unit_price) -%}
    cast({{ quantity }} * {{ unit_price }} as decimal(12, 2))
{%- endmacro %}
