from lianxin.provision.services.catalogue import materials_parse, service_item_update
from lianxin.provision.services.enterprise import enterprise_request_place
from lianxin.provision.services.notices import material_notice_give
from lianxin.provision.services.orders import service_order_place
from lianxin.provision.services.providers import listing_apply, listing_step, listing_update
from lianxin.provision.services.windows import duty_add, walk_in_record, window_save

__all__ = [
    "duty_add",
    "enterprise_request_place",
    "listing_apply",
    "listing_step",
    "listing_update",
    "material_notice_give",
    "materials_parse",
    "service_item_update",
    "service_order_place",
    "walk_in_record",
    "window_save",
]
