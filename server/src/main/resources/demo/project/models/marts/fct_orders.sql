{% set statuses = ['pending', 'completed', 'cancelled', 'returned'] %}

with items as (
    select
        order_id,
        count(*) as item_count,
        sum(amount) as amount
    from {{ ref('stg_order_items') }}
    group by order_id
)

select
    o.order_id,
    o.customer_id,
    o.ordered_at,
    o.order_date,
    o.status,
    {% for status in statuses %}
    o.status = '{{ status }}' as is_{{ status }},
    {% endfor %}
    coalesce(i.item_count, 0) as item_count,
    coalesce(i.amount, 0) as amount
from {{ ref('stg_orders') }} as o
left join items as i on i.order_id = o.order_id
