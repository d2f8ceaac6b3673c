{{ config(materialized='incremental') }}
select id, name from raw.events
{% if is_incremental() %}
where id > (select max(id) from {{ this }})
{% endif %}
