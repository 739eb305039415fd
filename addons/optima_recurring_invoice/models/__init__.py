# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_partner_category
from . import res_users
from . import product_template
from . import account_journal
from . import optima_recurring_template
from . import optima_recurring_template_party
from . import optima_recurring_template_line
from . import optima_recurring_template_line_value
from . import optima_recurring_run
from . import optima_recurring_run_line
from . import optima_recurring_generator
from . import account_move
from . import optima_crm_current_info
