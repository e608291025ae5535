"""The mock provider's parts: shared answers and one module per vendor wire format."""
