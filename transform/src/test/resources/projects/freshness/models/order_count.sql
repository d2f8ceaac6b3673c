select count(*) as orders from {{ source('shop', 'orders') }}
