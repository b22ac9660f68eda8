// Site-wide behaviour. Everything here is an enhancement: pages work without it.
