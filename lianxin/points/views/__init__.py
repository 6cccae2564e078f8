"""The points pages: the resident's 积分 page and the shop staff's 核销 page."""
