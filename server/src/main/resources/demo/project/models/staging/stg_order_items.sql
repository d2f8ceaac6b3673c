select
    id as order_item_id,
    order_id,
    product_id,
    quantity,
    unit_price,
    {{ order_amount('quantity', 'unit_price') }} as amount
from {{ source('shop', 'order_items') }}
