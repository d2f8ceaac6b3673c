{{ config(tags=['pii']) }}
select * from {{ source('shop', 'customers') }}
