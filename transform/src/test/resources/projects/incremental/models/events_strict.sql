{{ config(materialized='incremental', unique_key='id', on_schema_change='fail') }}
select id{% if var('with_extra', false) %}, name{% endif %} from raw.events
