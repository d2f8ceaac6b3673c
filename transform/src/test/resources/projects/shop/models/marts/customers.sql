with orders as (
    select customer_id, min(order_date) as first_order, count(*) as number_of_orders,
        sum(amount) as customer_lifetime_value
    from {{ ref('orders') }}
    group by customer_id
)
select c.customer_id, c.first_name, c.last_name, o.first_order, o.number_of_orders,
    o.customer_lifetime_value
from {{ ref('stg_customers') }} c
left join orders o using (customer_id)
