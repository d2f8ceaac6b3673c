{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select id, name{% if var('with_extra', false) %}, 'x' as extra{% endif %} from raw.events
