{{ config(materialized='forgetful') }}
select 1 as n
