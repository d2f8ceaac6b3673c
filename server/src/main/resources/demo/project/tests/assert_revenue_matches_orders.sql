-- The daily revenue adds up to the value of completed orders.
select total
from (
    select
        (select coalesce(sum(revenue), 0) from {{ ref('daily_revenue') }})
        - (select coalesce(sum(amount), 0) from {{ ref('fct_orders') }} where is_completed) as total
) as difference
where total <> 0
