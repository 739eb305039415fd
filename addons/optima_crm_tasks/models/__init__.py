from . import optima_crm_attribute
from . import optima_crm_attribute_value
from . import optima_partner_attribute
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_users
