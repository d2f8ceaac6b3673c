select id as customer_id, upper(name) as customer_name
from {{ source('app', 'customers') }}
