{{ config(materialized='incremental', unique_key=['id', 'name'], incremental_strategy='delete+insert') }}
select id, name, id * 10 as score from raw.events
{% if is_incremental() %}
where id >= 2
{% endif %}
