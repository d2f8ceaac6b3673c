select
    c.customer_id,
    c.customer_name,
    count(o.order_id) as order_count,
    coalesce(sum(o.amount), 0) as total_amount,
    max(o.ordered_at) as last_ordered_at
from {{ ref('stg_customers') }} c
left join {{ ref('stg_orders') }} o
    on o.customer_id = c.customer_id
    and o.status = 'completed'
    and o.amount >= {{ var('min_amount', 0) }}
group by c.customer_id, c.customer_name
