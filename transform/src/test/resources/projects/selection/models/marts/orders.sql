select * from {{ ref('stg_orders') }} join {{ ref('stg_customers') }} using (customer_id)
