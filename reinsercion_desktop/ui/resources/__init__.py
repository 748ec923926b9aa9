"""The resource catalogue (la oferta mensual) and people's referrals to it."""
