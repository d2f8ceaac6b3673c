{{ config(materialized='incremental', unique_key='order_id') }}
select order_id, status, '{{ env_var("UT_REGION", "eu") }}' as region
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where order_id > (select max(order_id) from {{ this }})
{% endif %}
