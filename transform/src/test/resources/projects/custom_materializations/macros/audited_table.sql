{#- Builds the model as a table with CTAS, then records the loaded row count in audit_log. -#}
{% materialization audited_table, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing = load_relation(this) -%}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- if existing is not none -%}
    {%- do adapter.drop_relation(existing) -%}
  {%- endif -%}
  {% call statement('main') -%}
    create table {{ target_relation }} as {{ sql }}
  {%- endcall %}
  {%- set audit = api.Relation.create(database=target.database, schema=this.schema, identifier='audit_log', type='table') -%}
  {% call statement('audit_table') -%}
    create table if not exists {{ audit }} (model varchar, label varchar, rows_loaded bigint)
  {%- endcall %}
  {% call statement('audit_row') -%}
    insert into {{ audit }}
    select '{{ this.identifier }}', '{{ config.get("audit_label", "none") }}', count(*) from {{ target_relation }}
  {%- endcall %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{% materialization audited_table, adapter='snowflake' %}
  {{ exceptions.raise_compiler_error('the snowflake block must not run on the lakehouse') }}
{% endmaterialization %}

{% materialization forgetful, default %}
  {% call statement('main') -%}
    create or replace view {{ this }} as {{ sql }}
  {%- endcall %}
{% endmaterialization %}
