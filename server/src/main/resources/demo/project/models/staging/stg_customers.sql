select
    id as customer_id,
    name,
    email,
    city,
    country,
    created_at as signed_up_at
from {{ source('shop', 'customers') }}
