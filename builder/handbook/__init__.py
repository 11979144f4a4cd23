"""The facilitator handbook: agenda, module sections, print layout. May import builder.model, builder.load and builder.render."""
