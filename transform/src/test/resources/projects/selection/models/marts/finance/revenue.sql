{{ config(materialized='incremental', unique_key='id') }}
select * from {{ ref('orders') }}
