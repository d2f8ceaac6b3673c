with orders as (
    select
        customer_id,
        count(*) as order_count,
        count(*) filter (where is_completed) as completed_order_count,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at,
        coalesce(sum(amount) filter (where is_completed), 0) as lifetime_value
    from {{ ref('fct_orders') }}
    group by customer_id
)

select
    c.customer_id,
    c.name,
    c.city,
    c.country,
    c.signed_up_at,
    o.first_order_at,
    o.last_order_at,
    coalesce(o.order_count, 0) as order_count,
    coalesce(o.completed_order_count, 0) as completed_order_count,
    coalesce(o.lifetime_value, 0) as lifetime_value,
    case
        when coalesce(o.lifetime_value, 0) > {{ var('vip_threshold') }} then 'VIP'
        when coalesce(o.lifetime_value, 0) > {{ var('premium_threshold') }} then 'Premium'
        else 'Standard'
    end as segment
from {{ ref('stg_customers') }} as c
left join orders as o on o.customer_id = c.customer_id
