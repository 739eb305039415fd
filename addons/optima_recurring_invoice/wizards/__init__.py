# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import optima_recurring_generate_wizard
from . import optima_recurring_generate_wizard_line
from . import optima_recurring_currency_change_wizard
from . import optima_recurring_xls_wizard
from . import optima_recurring_proposal_wizard
from . import optima_recurring_proposal_wizard_party
from . import optima_recurring_proposal_wizard_line
from . import optima_recurring_party_add_wizard
