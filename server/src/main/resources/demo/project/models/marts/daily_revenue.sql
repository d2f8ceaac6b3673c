select
    order_date,
    count(*) as orders,
    sum(item_count) as items,
    sum(amount) as revenue
from {{ ref('fct_orders') }}
where is_completed
group by order_date
