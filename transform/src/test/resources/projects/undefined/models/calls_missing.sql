select {{ my_missing_macro() }} as n
