{{ config(materialized='table', tags=['base']) }}
select range as n, 'p' || range as name from range(1, 5)
