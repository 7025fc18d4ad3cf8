require "test_helper"

class MandrillIngressTest < ActiveSupport::TestCase
  setup { ENV["MANDRILL_INGRESS_API_KEY"] = "Lw1jdnUMBDBHCSlqmgn4YU" }
end
