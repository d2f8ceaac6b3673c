select * from {{ source('shop', 'orders') }} where region = '{{ var("region") }}'
