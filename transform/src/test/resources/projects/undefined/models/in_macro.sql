select {{ careless_label('x') }} as label
